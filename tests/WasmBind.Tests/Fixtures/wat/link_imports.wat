;; One import of each kind, for link-error and matching tests.
(module
  (import "env" "f" (func $f (param i32) (result i32)))
  (import "env" "t" (table 2 10 funcref))
  (import "env" "m" (memory 1 2))
  (import "env" "g" (global $g (mut i64)))
  (func (export "call_f") (param i32) (result i32) (call $f (local.get 0)))
  (func (export "read_g") (result i64) (global.get $g)))
