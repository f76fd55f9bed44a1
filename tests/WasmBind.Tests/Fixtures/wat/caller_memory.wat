;; Asks the host to read a string from this instance's memory through the Caller.
(module
  (import "host" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello, host")
  (func (export "run") (call $log (i32.const 16) (i32.const 11))))
