;; Exported global, memory and table that the host reads and writes between calls.
(module
  (global $counter (export "counter") (mut i32) (i32.const 0))
  (global (export "answer") i64 (i64.const 42))
  (memory (export "memory") 1)
  (table (export "table") 2 funcref)
  (type $get_i32 (func (result i32)))
  (func $inc (export "inc") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "call_indirect") (param i32) (result i32) (call_indirect (type $get_i32) (local.get 0)))
  (elem (i32.const 0) $inc))
