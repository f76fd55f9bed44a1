;; The first data segment fits the imported memory, the second runs past its end.
(module
  (import "env" "memory" (memory 1))
  (data (i32.const 0) "ab")
  (data (i32.const 65535) "cd"))
