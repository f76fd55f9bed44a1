;; The start function calls the host, then sets a global the test reads.
(module
  (import "host" "started" (func $started))
  (global (export "g") (mut i32) (i32.const 0))
  (func $start (call $started) (global.set 0 (i32.const 7)))
  (start $start))
