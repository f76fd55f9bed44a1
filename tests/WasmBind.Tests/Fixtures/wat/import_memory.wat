;; Imports a memory with limits 1..2 pages, for limits subtyping.
(module
  (import "env" "m" (memory 1 2)))
