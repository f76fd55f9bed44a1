;; Imports state.wat's "inc" under the name DefineInstance gives it, and re-exports it.
(module
  (import "state" "inc" (func $inc (result i32)))
  (export "f" (func $inc)))
