;; Imports an immutable i32 global, for global type matching.
(module
  (import "env" "g" (global i32))
  (func (export "get") (result i32) (global.get 0)))
