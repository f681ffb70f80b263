/* gemm-peak: this machine's single-core matrix-product rate, the yardstick of
   `make bench` (see README.md, "Speed").  Not part of the book.

   Run with OPENBLAS_NUM_THREADS=1.  Prints one line per measurement:
     peak sgemm N=1024 gflops=...          OpenBLAS sgemm, a large square product
     shape NAME M N K gflops=...           OpenBLAS on a product of the LSTM step
     fma avx2|avx512 gflops=...            the FMA units' ceiling, 8 or 16 wide
   The best of several runs each: other processes share the machine. */
#include <cblas.h>
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

char *openblas_get_corename(void);

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);   /* CPU time: robust to preemption */
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static float *filled(size_t n)
{
    float *v = malloc(n * sizeof *v);
    if (!v) { fputs("gemm-peak: out of memory\n", stderr); exit(1); }
    for (size_t k = 0; k < n; k++) v[k] = (float)(k % 7) * 0.125f - 0.375f;
    return v;
}

/* C (M x N) = op(A) op(B), row-major; the best GFLOP/s of `runs` timings of
   `reps` products each. */
static double rate(int ta, int tb, int M, int N, int K, int reps, int runs)
{
    float *A = filled((size_t)M * K), *B = filled((size_t)K * N), *C = filled((size_t)M * N);
    int lda = ta ? M : K, ldb = tb ? K : N;
    double best = 1e30;
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        for (int k = 0; k < reps; k++)
            cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
                        tb ? CblasTrans : CblasNoTrans, M, N, K, 1, A, lda,
                        B, ldb, 1, C, N);
        double t = (now() - t0) / reps;
        if (t < best) best = t;
    }
    free(A); free(B); free(C);
    return 2.0 * M * N * K / best / 1e9;
}

/* Twelve independent chains of FMAs: enough to cover the latency of two FMA
   pipes, so the loop runs at the units' throughput.  W is the vector type,
   FMA its fused multiply-add, SET1 its broadcast. */
#define FMA_RATE(NAME, TARGET, W, FMA, SET1, LANES)                           \
    __attribute__((target(TARGET))) static double NAME(void)                 \
    {                                                                         \
        enum { CHAINS = 12, ITERS = 1 << 22 };                                \
        W acc[CHAINS], a = SET1(0.999999f), b = SET1(1e-7f);                  \
        for (int c = 0; c < CHAINS; c++) acc[c] = SET1((float)c);             \
        double best = 1e30;                                                   \
        for (int r = 0; r < 5; r++) {                                         \
            double t0 = now();                                                \
            for (int k = 0; k < ITERS; k++) {                                 \
                _Pragma("GCC unroll 12")                                      \
                for (int c = 0; c < CHAINS; c++) acc[c] = FMA(acc[c], a, b);  \
            }                                                                 \
            double t = now() - t0;                                            \
            if (t < best) best = t;                                           \
        }                                                                     \
        float sink = 0;                                                       \
        for (int c = 0; c < CHAINS; c++) sink += ((float *)&acc[c])[0];       \
        if (sink == 42) puts("");   /* keep the chains alive */               \
        return 2.0 * LANES * CHAINS * (double)ITERS / best / 1e9;             \
    }
FMA_RATE(fma_rate_avx2, "avx2,fma", __m256, _mm256_fmadd_ps, _mm256_set1_ps, 8)
FMA_RATE(fma_rate_avx512, "avx512f", __m512, _mm512_fmadd_ps, _mm512_set1_ps, 16)

int main(void)
{
    printf("openblas core=%s\n", openblas_get_corename());
    printf("peak sgemm N=1024 gflops=%.1f\n", rate(0, 0, 1024, 1024, 1024, 2, 5));
    /* The LSTM step's products at T=30, B=256, H=32 (G H = 128). */
    printf("shape forward-h 256 128 32 gflops=%.1f\n", rate(0, 1, 256, 128, 32, 200, 7));
    printf("shape backward-dh 256 32 128 gflops=%.1f\n", rate(0, 0, 256, 32, 128, 200, 7));
    printf("shape grad-Whh 128 32 7680 gflops=%.1f\n", rate(1, 0, 128, 32, 7680, 20, 7));
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        printf("fma avx2 gflops=%.1f\n", fma_rate_avx2());
    if (__builtin_cpu_supports("avx512f"))
        printf("fma avx512 gflops=%.1f\n", fma_rate_avx512());
    return 0;
}
