;; For samples/ResumableCall: sums the answers to n questions the host answers one by one (host.ask), and burns
;; some fuel per question so that a small fuel budget suspends the call too.
(module
  (import "host" "ask" (func $ask (param i32) (result i32)))
  (func (export "sum_answers") (param $n i32) (result i32) (local $i i32) (local $sum i32) (local $spin i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call $ask (local.get $i))))
        (local.set $spin (i32.const 1000))
        (loop $burn
          (local.set $spin (i32.sub (local.get $spin) (i32.const 1)))
          (br_if $burn (local.get $spin)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))
)
