;; The first element segment fits the imported table, the second does not; the data segment must not run.
(module
  (import "env" "table" (table 3 funcref))
  (import "env" "memory" (memory 1))
  (func $a (result i32) (i32.const 1))
  (func $b (result i32) (i32.const 2))
  (elem (i32.const 0) $a)
  (elem (i32.const 2) $a $b)
  (data (i32.const 0) "x"))
