/* step-bench: time one training step of the float engine on the lesson's
   copy task, on one thread.  Not part of the book: `make bench` runs it beside
   bench/torch_step.py (see README.md, "Speed").

   usage: step-bench rnn|lstm [--T N] [--B N] [--H N] [--repeats N] [--steps N]
                              [--gain G] [--head-scale S] [--ftz]

   A step is rnn_forward_f + rnn_backward_f + clip_grad_norm (measuring the
   norm, as copytask does every step) + optim_step (Adam): the training chapter's
   modules, as copytask runs them.
   --gain G scales W_hh and --head-scale S the read-out weights: a small read-out
   makes dL/dh_T tiny, so that most of the backward pass runs on denormal
   numbers (the weights are then not updated, so that every step sees the
   same numbers); --ftz sets flush-to-zero and denormals-are-zero in the MXCSR.

   Prints one line: c CELL ms=MIN median=MEDIAN flop=F gflops=G ...  (ms of
   CPU time per step over REPEATS blocks of STEPS steps; F is the step's matrix-product
   FLOPs, 2*M*N*K summed over its forward and backward products). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xmmintrin.h>
#include "optim.h"
#include "rnn.h"

/* CPU time of the process, not wall time: on a shared machine a block that
   was preempted would otherwise count the other processes' time. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double uniform01(unsigned long long *s)   /* SplitMix64, in [0, 1) */
{
    unsigned long long z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (double)((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
}

/* 2*M*N*K over the step's products: per time step the forward's x W_ih^T and
   h W_hh^T and the backward's delta W_hh; after the loop the two weight
   gradients over all T*B rows; the read-out's forward and backward. */
static double step_flops(const RnnShape *s, size_t T, size_t B)
{
    double I = (double)s->input, H = (double)s->hidden, GH = (double)rnn_gates(s) * H;
    double b = (double)B, t = (double)T;
    double forward = t * 2 * b * GH * (I + H) + 2 * b * H;
    double backward = t * 2 * b * GH * H + 2 * GH * (I + H) * t * b + 2 * 2 * b * H;
    return forward + backward;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "rnn") && strcmp(argv[1], "lstm"))) {
        fprintf(stderr, "usage: %s rnn|lstm [--T N] [--B N] [--H N] [--repeats N] "
                "[--steps N] [--gain G] [--head-scale S] [--ftz]\n", argv[0]);
        return 2;
    }
    size_t T = 30, B = 256, H = 32, repeats = 7, steps = 20;
    double gain = 1, head_scale = 1;
    int ftz = 0;
    for (int k = 2; k < argc; k++) {
        const char *a = argv[k], *v = k + 1 < argc ? argv[k + 1] : "";
        if (!strcmp(a, "--ftz")) { ftz = 1; continue; }
        if (!strcmp(a, "--T")) T = strtoul(v, NULL, 10);
        else if (!strcmp(a, "--B")) B = strtoul(v, NULL, 10);
        else if (!strcmp(a, "--H")) H = strtoul(v, NULL, 10);
        else if (!strcmp(a, "--repeats")) repeats = strtoul(v, NULL, 10);
        else if (!strcmp(a, "--steps")) steps = strtoul(v, NULL, 10);
        else if (!strcmp(a, "--gain")) gain = strtod(v, NULL);
        else if (!strcmp(a, "--head-scale")) head_scale = strtod(v, NULL);
        else { fprintf(stderr, "%s: unknown option %s\n", argv[0], a); return 2; }
        k++;
    }
    if (!T || !B || !H || !repeats || !steps || !(gain > 0) || !(head_scale > 0)) {
        fprintf(stderr, "%s: sizes, counts and gain must be positive\n", argv[0]);
        return 2;
    }
    if (ftz) _mm_setcsr(_mm_getcsr() | 0x8040);   /* FTZ (bit 15) | DAZ (bit 6) */

    RnnShape s = { strcmp(argv[1], "lstm") ? CELL_RNN : CELL_LSTM, ACT_TANH, 1, H };
    RnnTensor t[RNN_TENSORS];
    size_t n = rnn_layout(&s, t);
    float *p = malloc(n * sizeof *p), *g = malloc(n * sizeof *g);
    float *x = calloc(T * B, sizeof *x), *y = malloc(B * sizeof *y);
    float *dh0 = malloc(B * H * sizeof *dh0);
    Optim *adam = optim_new(n, &(OptimSpec){ OPTIM_ADAM, 1e-2, ADAM_EPS, 0 });
    rnn_work_f *w = rnn_work_new_f(&s, T, B);
    double *ms = malloc(repeats * sizeof *ms);
    if (!p || !g || !x || !y || !dh0 || !adam || !w || !ms) {
        fprintf(stderr, "%s: out of memory\n", argv[0]);
        return 1;
    }
    /* PyTorch's default init, U(-1/sqrt(H), 1/sqrt(H)) everywhere; the batch
       is the copy task's: the bit at t = 0 (x is time-major), zeros after. */
    unsigned long long state = 1;
    double r = 1 / sqrt((double)H);
    for (size_t k = 0; k < n; k++) p[k] = (float)(r * (2 * uniform01(&state) - 1));
    for (size_t k = 0; k < t[1].rows * t[1].cols; k++) p[t[1].offset + k] *= (float)gain;
    for (size_t k = 0; k < H; k++) p[t[4].offset + k] *= (float)head_scale;
    for (size_t b = 0; b < B; b++) x[b] = y[b] = (float)(uniform01(&state) < 0.5);

    float loss = 0;
    for (size_t k = 0; k < steps / 4 + 3; k++) {      /* warm-up */
        loss = rnn_forward_f(w, p, x, y, NULL, NULL);
        rnn_backward_f(w, p, x, y, g, NULL, NULL);
        if (gain == 1 && head_scale == 1) { clip_grad_norm(g, n, INFINITY); optim_step(adam, p, g, n); }
    }
    for (size_t rep = 0; rep < repeats; rep++) {
        double t0 = now();
        for (size_t k = 0; k < steps; k++) {
            loss = rnn_forward_f(w, p, x, y, NULL, NULL);
            rnn_backward_f(w, p, x, y, g, NULL, NULL);
            /* With a gain or head scale other than 1 the weights stay put,
               so that every step sees the same (denormal-heavy) numbers. */
            if (gain == 1 && head_scale == 1) { clip_grad_norm(g, n, INFINITY); optim_step(adam, p, g, n); }
        }
        ms[rep] = (now() - t0) / (double)steps * 1e3;
    }
    qsort(ms, repeats, sizeof *ms, cmp);
    /* Where the backward pass ended: the largest |dL/dh_0| and how many of
       its entries are denormal (nonzero, below FLT_MIN). */
    rnn_backward_f(w, p, x, y, g, dh0, NULL);
    float dh0max = 0;
    size_t denormal = 0;
    for (size_t k = 0; k < B * H; k++) {
        float a = fabsf(dh0[k]);
        if (a > dh0max) dh0max = a;
        denormal += a > 0 && a < FLT_MIN;
    }
    double flop = step_flops(&s, T, B);
    printf("c %s ms=%.4f median=%.4f flop=%.0f gflops=%.2f T=%zu B=%zu H=%zu "
           "gain=%g ftz=%d loss=%.6g dh0max=%.3g dh0denormal=%zu/%zu\n", argv[1],
           ms[0], ms[repeats / 2], flop, flop / (ms[0] * 1e-3) / 1e9, T, B, H,
           gain, ftz, (double)loss, (double)dh0max, denormal, B * H);
    rnn_work_free_f(w);
    free(p); free(g); free(x); free(y); free(dh0); optim_free(adam); free(ms);
    return 0;
}
