;; Fixture for the CLI tests: well-formed but invalid (the body leaves an i64 where the type says i32).
;; Built with wat2wasm --no-check, which skips validation.
(module
  (func (export "bad") (result i32)
    i64.const 1))
