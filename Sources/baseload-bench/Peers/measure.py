# Runs a command (argv as JSON in argv[1]) with a timeout (argv[2], s), its stdout to argv[3]; prints wall
# seconds, peak resident MiB of the child, exit code and 1 when it timed out.
import resource, subprocess, sys, time, json
argv = json.loads(sys.argv[1]); out = sys.argv[3]
t = time.time()
try:
    with open(out, 'w') as f:
        p = subprocess.run(argv, stdout=f, stderr=subprocess.DEVNULL, timeout=float(sys.argv[2]))
    code, timed = p.returncode, 0
except subprocess.TimeoutExpired:
    code, timed = -1, 1
w = time.time() - t
print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0, code, timed)
