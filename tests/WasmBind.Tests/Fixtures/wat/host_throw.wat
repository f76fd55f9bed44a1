;; Calls a host import that the test makes throw.
(module
  (import "host" "fail" (func $fail (param i32)))
  (func (export "run") (param i32) (call $fail (local.get 0))))
