/// GLPK's classic transportation example (examples/transp.mod, Dantzig), optimum 153.675.
enum TransportationExample {
  static let model = #"""
    # A TRANSPORTATION PROBLEM
    #
    # This problem finds a least cost shipping schedule that meets
    # requirements at markets and supplies at factories.
    #
    #  References:
    #              Dantzig G B, "Linear Programming and Extensions."
    #              Princeton University Press, Princeton, New Jersey, 1963,
    #              Chapter 3-3.

    set I;
    /* canning plants */

    set J;
    /* markets */

    param a{i in I};
    /* capacity of plant i in cases */

    param b{j in J};
    /* demand at market j in cases */

    param d{i in I, j in J};
    /* distance in thousands of miles */

    param f;
    /* freight in dollars per case per thousand miles */

    param c{i in I, j in J} := f * d[i,j] / 1000;
    /* transport cost in thousands of dollars per case */

    var x{i in I, j in J} >= 0;
    /* shipment quantities in cases */

    minimize cost: sum{i in I, j in J} c[i,j] * x[i,j];
    /* total transportation costs in thousands of dollars */

    s.t. supply{i in I}: sum{j in J} x[i,j] <= a[i];
    /* observe supply limit at plant i */

    s.t. demand{j in J}: sum{i in I} x[i,j] >= b[j];
    /* satisfy demand at market j */

    data;

    set I := Seattle San-Diego;

    set J := New-York Chicago Topeka;

    param a := Seattle     350
               San-Diego   600;

    param b := New-York    325
               Chicago     300
               Topeka      275;

    param d :              New-York   Chicago   Topeka :=
               Seattle     2.5        1.7       1.8
               San-Diego   2.5        1.8       1.4  ;

    param f := 90;

    end;
    """#
}
