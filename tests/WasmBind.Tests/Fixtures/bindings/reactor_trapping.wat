;; A WASI reactor whose `_initialize` traps: the instance must not be used afterwards (ReactorTests.cs).
(module
  (global $calls (mut i32) (i32.const 0))
  (func (export "_initialize")
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    unreachable)
  (func (export "init_count") (result i32) (global.get $calls))
  (func (export "value") (result i32) (i32.const 42))
)
