# HiGHS on an MPS file (argv[1]) with a time limit (argv[2], s) and relative MIP gap (argv[3]), two
# threads; prints the model status, the objective and the solve's wall seconds.
import highspy, sys, time
h = highspy.Highs(); h.setOptionValue('output_flag', False); h.setOptionValue('time_limit', float(sys.argv[2]))
h.setOptionValue('mip_rel_gap', float(sys.argv[3])); h.setOptionValue('threads', 2)
h.readModel(sys.argv[1]); t = time.time(); h.run(); w = time.time() - t
print(h.modelStatusToString(h.getModelStatus()), h.getInfo().objective_function_value, w)
