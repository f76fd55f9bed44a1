/* A tiny threads shim for wasm32-wasi programs built without a wasi-threads sysroot: spawn a function on a new
 * thread through the wasi.thread-spawn import, join it with memory.atomic.wait/notify. No libc needed. */
#ifndef THREADS_SHIM_H
#define THREADS_SHIM_H

#include <stdint.h>

#define SHIM_STACK_SIZE 16384

typedef struct shim_thread
{
    /* Read by thread_start.S: the new thread's stack pointer starts here (stacks grow down). Must stay first. */
    void *stack_top;
    void (*function)(void *argument);
    void *argument;
    int32_t id;       /* the virtual id the host gave the thread */
    int32_t finished; /* 0 while running; 1 once function returned (waited on by shim_join) */
    char stack[SHIM_STACK_SIZE] __attribute__((aligned(16)));
} shim_thread;

/* Starts function(argument) on a new thread. Returns the thread id (> 0), or the host's negative error. */
int32_t shim_spawn(shim_thread *thread, void (*function)(void *), void *argument);

/* Blocks until the thread's function has returned. */
void shim_join(shim_thread *thread);

#endif
