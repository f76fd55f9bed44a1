;; A ten-parameter host import of mixed types (the typed overloads' limit); the export passes its own arguments
;; through in order.
(module
  (import "host" "mix" (func $mix (param i32 i64 f32 f64 i32 i64 i32 i64 f32 f64) (result f64)))
  (import "host" "sink" (func $sink (param i32 i64 f32 f64 i32 i64 i32 i64 f32 f64)))
  (func (export "mix") (param i32 i64 f32 f64 i32 i64 i32 i64 f32 f64) (result f64)
    (call $mix (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6)
      (local.get 7) (local.get 8) (local.get 9)))
  (func (export "sink") (param i32 i64 f32 f64 i32 i64 i32 i64 f32 f64)
    (call $sink (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6)
      (local.get 7) (local.get 8) (local.get 9))))
