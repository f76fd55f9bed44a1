;; A six-parameter host import of mixed types; the export passes its own arguments through in order.
(module
  (import "host" "mix" (func $mix (param i32 i64 f32 f64 i32 i64) (result f64)))
  (import "host" "sink" (func $sink (param i32 i64 f32 f64 i32 i64)))
  (func (export "mix") (param i32 i64 f32 f64 i32 i64) (result f64)
    (call $mix (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)))
  (func (export "sink") (param i32 i64 f32 f64 i32 i64)
    (call $sink (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5))))
