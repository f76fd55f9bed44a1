;; A counted loop whose test is a comparison feeding br_if (fused into one BrIfI32LtS), and an if whose condition is
;; an i32.eqz (fused into a branch on the operand being non-zero).
(module
  (func $count (export "count") (param $n i32) (result i32)
    (local $i i32)
    (local $sum i32)
    (loop $again
      (local.set $sum (i32.add (local.get $sum) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_s (local.get $i) (local.get $n))))
    (if (i32.eqz (local.get $sum))
      (then (return (i32.const -1))))
    (local.get $sum)))
