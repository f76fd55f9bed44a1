;; Re-exports an imported host function, so a test can see which function object the import resolved to.
(module
  (import "host" "f" (func $f (result i32)))
  (export "f" (func $f))
  (func (export "call") (result i32) (call $f)))
