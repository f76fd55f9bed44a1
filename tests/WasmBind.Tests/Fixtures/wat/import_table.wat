;; Imports a table with limits 2..10, for limits subtyping.
(module
  (import "env" "t" (table 2 10 funcref)))
