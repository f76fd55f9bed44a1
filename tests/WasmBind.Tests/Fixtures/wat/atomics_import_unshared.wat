;; Imports an unshared memory under the same name: a shared memory must not satisfy it.
(module (import "env" "memory" (memory 1 4)))
