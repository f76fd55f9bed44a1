;; Fixture for the CLI tests: a script with one deliberately wrong expectation.
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
(assert_return (invoke "add" (i32.const 2) (i32.const 2)) (i32.const 5))
(assert_return (invoke "add" (i32.const 2) (i32.const 2)) (i32.const 4))
