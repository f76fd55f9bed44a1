;; Passes each value type through a host import and back, so typed and untyped host functions can be checked end to end.
(module
  (import "host" "i32" (func $i32 (param i32) (result i32)))
  (import "host" "i64" (func $i64 (param i64) (result i64)))
  (import "host" "f32" (func $f32 (param f32) (result f32)))
  (import "host" "f64" (func $f64 (param f64) (result f64)))
  (import "host" "funcref" (func $funcref (param funcref) (result funcref)))
  (import "host" "externref" (func $externref (param externref) (result externref)))
  (func (export "i32") (param i32) (result i32) (call $i32 (local.get 0)))
  (func (export "i64") (param i64) (result i64) (call $i64 (local.get 0)))
  (func (export "f32") (param f32) (result f32) (call $f32 (local.get 0)))
  (func (export "f64") (param f64) (result f64) (call $f64 (local.get 0)))
  (func (export "funcref") (param funcref) (result funcref) (call $funcref (local.get 0)))
  (func (export "externref") (param externref) (result externref) (call $externref (local.get 0))))
