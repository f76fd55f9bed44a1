;; Writes an imported memory from a data segment, then traps in the start function.
(module
  (import "env" "memory" (memory 1))
  (data (i32.const 0) "kept")
  (func $start unreachable)
  (start $start))
