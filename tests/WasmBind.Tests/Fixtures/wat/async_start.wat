;; A start function that calls an async import: instantiable only through InstantiateAsync.
(module
  (import "host" "load" (func $load (result i32)))
  (global $value (export "value") (mut i32) (i32.const 0))
  (func $start (global.set $value (call $load)))
  (start $start)
)
