;; Fixture for the CLI tests: instantiation itself traps, in the start function.
(module
  (func $start unreachable)
  (start $start)
  (func (export "never") (result i32)
    i32.const 1))
