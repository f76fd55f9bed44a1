;; Imports a memory with no maximum, for limits subtyping.
(module
  (import "env" "m" (memory 1)))
