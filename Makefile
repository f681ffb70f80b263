# The book's whole pipeline (see README.md and the appendix "How the book is built").
#
#   chapters/*.nw --notangle--> src/*.c src/*.h build/gp/*.gp
#   src/          --cc-------> build/bin/PROGRAM        one program per experiment
#   build/bin/P   --run------> build/data/P/*.tsv build/tex/P/*.tex
#                 (a sweep: P --run N -> build/plan/P/N.row, each N a target)
#   build/gp + build/data --gnuplot--> figures/*.pdf + figures/*.tex
#   chapters/*.nw --tools/weave--> build/tex/chapters.tex   (noweave -n -index, less false uses)
#   chapters/book.tex + bib/ --latexmk--> build/vanishing-gradients.pdf
#
# Conventions that spare us lists to keep in step with the chapters:
#   - every root chunk is a file name (*.c, *.h, *.gp); anything else is a typo;
#   - a .c root with a .h root of the same name is a library module;
#   - a .c root called test-*.c is a unit test, any other .c root a program;
#   - a program whose --help lists --outdir is an experiment, run as
#     P --outdir build; one without (a tool, such as copytask) is built, not run;
#   - an experiment whose --help lists --quick takes --quick 1 for a small run
#     (few seeds, few steps); make passes it only under `make QUICK=1`, which
#     the tests use for their clean builds in other directories (sanitizers.t
#     and hostile.t also run such programs with it, so they finish in seconds);
#   - an experiment whose --help lists --plan is a sweep of independent runs:
#     each run is a target of its own (build/plan/P/N.row, made by P --run N,
#     see "planned runs" below), and P --gather then writes the sweep's data;
#   - every .gp root but style.gp is a figure, and it names its data as
#     data('PROGRAM/file.tsv'), which is how Make learns which run it needs.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

BOOK     := vanishing-gradients
# Reproducible outputs: cairo (figures) and pdfTeX (the book) date their PDFs
# from this instead of the clock.
export SOURCE_DATE_EPOCH ?= 1700000000
export FORCE_SOURCE_DATE := 1
# OpenBLAS, which serves LAPACKE's few calls per program (an orthogonal
# initialisation, eigenvalues), starts a thread per core when it is loaded,
# and the thread spins for a while before it sleeps: a sweep's run of 0.12 s
# cost 0.23 CPU-seconds with it (Xeon-AMX), over thousands of runs most of a
# core that make -j could have used.  The programs need one thread.
export OPENBLAS_NUM_THREADS := 1
CHAPTERS := $(sort $(wildcard chapters/*.nw))
PYTHON   ?= /usr/bin/python3

CC       ?= cc
CFLAGS   ?= -O2 -g0
WARN     := -std=c11 -Wall -Wextra -Werror=implicit-function-declaration
CPPFLAGS := -Isrc -D_POSIX_C_SOURCE=200809L
LDLIBS   := -llapacke -lopenblas -lm

# One short line per step unless V=1.
V ?= 0
ifeq ($(V),1)
  Q :=
  say = @true
else
  Q := @
  say = @printf '  %-7s %s\n'
endif

# ---------------------------------------------------------------- the roots
ROOTS   := $(shell noroots $(CHAPTERS) 2>/dev/null | sed -e 's/^<<//' -e 's/>>$$//')
BADROOT := $(filter-out %.c %.h %.gp,$(ROOTS))
CROOTS  := $(filter %.c,$(ROOTS))
HROOTS  := $(filter %.h,$(ROOTS))
GPROOTS := $(filter %.gp,$(ROOTS))

MODULES  := $(filter $(HROOTS:.h=.c),$(CROOTS))
TESTS    := $(patsubst %.c,%,$(filter test-%.c,$(CROOTS)))
PROGRAMS := $(patsubst %.c,%,$(filter-out $(MODULES) test-%.c,$(CROOTS)))
FIGURES  := $(patsubst %.gp,%,$(filter-out style.gp,$(GPROOTS)))

SIGS    := $(CROOTS:%=build/sig/%)
HEADERS := $(HROOTS:%=src/%)
GPS     := $(GPROOTS:%=build/gp/%)
OBJS    := $(MODULES:%.c=build/obj/%.o)
BINS    := $(PROGRAMS:%=build/bin/%)
TBINS   := $(TESTS:%=build/test/%)
RUNS    := $(PROGRAMS:%=build/run/%.stamp)
FIGS    := $(FIGURES:%=figures/%.tex)

.PHONY: all tangle programs figures tests check bench clean need
all: build/$(BOOK).pdf

# ---------------------------------------------------------------- tools
# Checked once per change of the package table or of the link flags; installs
# as root.  tools/need links a program with our own LDLIBS, so that the first
# link of the build cannot fail for a missing library.
# An included makefile, so that Make stops at once if the check fails; until
# it exists (a first build, before noweb is installed) Make reads nothing that
# needs the chapters' roots, then restarts with them.
need: build/need.mk
build/need.mk: tools/need build/flags/ld
	$(say) NEED book
	$(Q)CC='$(CC)' LDLIBS='$(LDLIBS)' tools/need book
	$(Q)mkdir -p $(@D) && echo "# tools/need book passed" > $@

# ---------------------------------------------------------------- tangle
# One pass writes every root through cpif, so unchanged files keep their
# timestamps.  C files get #line directives (errors point into the .nw); their
# signature, the same text without #line, is what compilation is keyed on, so
# a prose edit that only shifts line numbers recompiles nothing.
tangle: build/tangle.stamp
build/tangle.stamp: $(CHAPTERS) tools/tangle build/need.mk
	$(say) TANGLE "$(words $(ROOTS)) roots"
	$(Q)$(if $(BADROOT),echo "a root chunk that is not a file name (a misspelled chunk?): $(BADROOT)" >&2; exit 1;)
	$(Q)$(if $(filter style.gp,$(ROOTS)),,echo "<<style.gp>> is no longer a root: the Makefile passes it to gnuplot itself, so a figure must not use it as a chunk" >&2; exit 1;)
	$(Q)tools/tangle $(CHAPTERS)
	$(Q)touch $@

# The tangled files are made by the stamp's recipe; these empty recipes let
# Make re-examine their timestamps afterwards.
$(SIGS) $(HEADERS) $(GPS) $(CROOTS:%=src/%): build/tangle.stamp ;
.SECONDARY: $(SIGS) $(HEADERS) $(GPS) $(CROOTS:%=src/%) $(CROOTS:%.c=build/obj/%.o) \
            $(PROGRAMS:%=build/link/%.stamp) $(BINS)

# ---------------------------------------------------------------- compile
DEPFLAGS = -MMD -MP -MF build/dep/$*.d -MT $@
# The random-number generator must not contract a*b+c into an FMA: numpy's
# draws are reproduced to the last bit only without it.  Applied everywhere:
# the book's numbers should not depend on which CPU built them.
FPFLAGS := -ffp-contract=off

# The training engine (chapters/40-engine.nw) is also compiled for the widest
# vector unit this machine has, and with OpenMP's simd directives, which let
# it vectorise its loops over units (and the double engine call glibc's vector
# exp and tanh, libmvec).  The float engine's products and its own exp and
# tanh give the same bits at any width; x86-64-v4 is AVX-512, v3 AVX2 with FMA.
CPUFLAGS := $(shell grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
has_all   = $(if $(strip $(filter-out $(CPUFLAGS),$(1))),,yes)
ENGINE_ISA := $(if $(call has_all,avx512f avx512bw avx512cd avx512dq avx512vl avx2 fma bmi1 bmi2 movbe),\
                -march=x86-64-v4 -mprefer-vector-width=512,\
              $(if $(call has_all,avx avx2 fma bmi1 bmi2 f16c movbe abm xsave),-march=x86-64-v3))
ENGINE_FLAGS := -fopenmp-simd -fno-math-errno $(ENGINE_ISA)
build/obj/rnn.o: FPFLAGS += $(ENGINE_FLAGS)

# The compiler reads src/X.c, whose #line lines point errors at the chapter,
# but the object depends on build/sig/X.c, the same code without them: the
# compiler's dependency list names src/X.c first, and we strip it, or a prose
# edit that moves the code down a line would recompile it (and rerun every
# experiment that uses an assert in it).  The price: an assert's message may
# name a line a little off until the code itself next changes.
build/obj/%.o: build/sig/%.c build/flags/cc | $(HEADERS) build/obj build/dep
	$(say) CC $*.c
	$(Q)$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(FPFLAGS) $(DEPFLAGS) -c src/$*.c -o $@
	$(Q)sed -i '1s, src/$*\.c\( \|$$\), ,' build/dep/$*.d

build/lib/libvg.a: $(OBJS) | build/lib
	$(say) AR $(@F)
	$(Q)rm -f $@.tmp && ar rcD $@.tmp $(sort $^) && mv $@.tmp $@

# A program is relinked whenever the library changes, but its file is replaced
# only when the bytes differ: an experiment reruns only if its program did.
# The stamp records that the link was done, the program's own timestamp that
# its bytes changed.
build/link/%.stamp: build/obj/%.o build/lib/libvg.a build/flags/ld | build/bin build/link
	$(say) LD $*
	$(Q)$(CC) $(CFLAGS) -o build/bin/$*.tmp $< build/lib/libvg.a $(LDLIBS)
	$(Q)if cmp -s build/bin/$*.tmp build/bin/$*; then rm build/bin/$*.tmp; \
	    else mv build/bin/$*.tmp build/bin/$*; fi
	$(Q)touch $@
build/bin/%: build/link/%.stamp ;

build/test/%: build/obj/%.o build/lib/libvg.a | build/test
	$(say) LD $*
	$(Q)$(CC) $(CFLAGS) -o $@ $< build/lib/libvg.a $(LDLIBS)

programs: $(BINS)
tests: $(TBINS)

# ---------------------------------------------------------------- run
# Each experiment writes its own directories build/data/P and build/tex/P,
# every file through a temporary name; the stamp says the whole run succeeded.
# tools/cpu notes the CPU seconds of each run in build/cpu/ (a sweep's runs in
# build/cpu/P/), which tools/cpu-report sums per program.
# A program is an experiment when its option table, which --help prints, has
# --outdir; a tool's stamp only records that there was nothing to run.
# Temporaries left by a run that was killed are swept before the next.
# (grep reads all of --help: grep -q could close the pipe early, and
# pipefail would turn that into a failure.)  Under QUICK=1 an experiment that
# offers --quick runs small; build/flags/run records the mode, so switching it
# reruns every experiment.  VG_PROGRESS=1 lets a long experiment report how
# many of its runs are done, on stderr, whether or not that is a terminal.
QUICK ?=
offers_of = build/bin/$(1) --help | grep -e '^  --$(2) ' >/dev/null
offers = $(call offers_of,$*,$(1))
quick_of = $(if $(QUICK),$$($(call offers_of,$(1),quick) && echo --quick 1))
build/run/%.stamp: build/bin/% build/flags/run | build/run
	$(Q)if $(call offers,outdir); then \
	  $(if $(Q),printf '  %-7s %s\n' RUN $* &&) mkdir -p build/data/$* build/tex/$* build/cpu \
	  && find build/data/$* build/tex/$* -name '.*.??????' -delete \
	  && VG_PROGRESS=1 tools/cpu build/cpu/$*.s build/bin/$* --outdir build $(call quick_of,$*) \
	     $(if $(filter $*,$(PLANNED)),--gather build/plan/$*); fi
	$(Q)touch $@

# ---------------------------------------------------------------- planned runs
# An experiment whose --help lists --plan is a sweep of independent runs
# (chapters/93-50-cliff.nw, "A sweep spread over processes").  tools/plan turns
# its plan into build/dep/plan-P.mk: one target per run, build/plan/P/N.row,
# made by `P --run N` and keyed on the run's own line of the plan (N.cfg) and
# on the code (libvg.a); P's own run above then only gathers them (--gather).
# So make -jN trains N networks at once, and an edit of one model's
# parameters retrains that model's runs alone.
build/dep/plan-%.mk: build/bin/% build/flags/run tools/plan | build/dep
	$(Q)tools/plan $* $(call quick_of,$*) > $@.tmp && mv $@.tmp $@
build/plan/%.row: build/plan/%.cfg build/lib/libvg.a
	$(say) RUN "$(*D) run $(*F) of $(PLAN_TOTAL)"
	$(Q)mkdir -p build/cpu/$(*D) && tools/cpu build/cpu/$(*D)/$(*F).s \
	    build/bin/$(*D) --run $(*F) $(call quick_of,$(*D)) > $@.tmp && mv $@.tmp $@
build/plan/%.cfg: ;

# ---------------------------------------------------------------- plot
# gnuplot runs inside a scratch directory so that cairolatex's \includegraphics
# names the final file; both outputs then move into figures/.
GNUPLOT_STYLE := build/gp/style.gp
# Debian 12's cairo (1.16) ignores SOURCE_DATE_EPOCH: we rewrite the date it
# stamps into each figure, digit for digit, so no byte offset moves.
PDFDATE := $(shell date -u -d @$(SOURCE_DATE_EPOCH) +%Y%m%d%H%M%S)
figures: $(FIGS)
figures/%.tex: build/gp/%.gp $(GNUPLOT_STYLE) | build/plot
	$(say) PLOT $*
	$(Q)rm -rf build/plot/$* && mkdir -p build/plot/$* figures
	$(Q)cd build/plot/$* && gnuplot -e "DATA='../../data'; FIGURE='$*'" \
	    ../../gp/style.gp ../../gp/$*.gp
	$(Q)perl -pi -e 's{/CreationDate \(D:\d{14}}{/CreationDate (D:$(PDFDATE)}' \
	    build/plot/$*/$*.pdf
	$(Q)mv build/plot/$*/$*.pdf figures/$*.pdf && mv build/plot/$*/$*.tex $@
	$(Q)rm -rf build/plot/$*

# Which runs feed which figure, read off the scripts.
build/dep/figures.mk: build/tangle.stamp $(GPS) | build/dep
	$(Q)for f in $(FIGURES); do \
	  for p in $$(grep -o "data('[^/']*/" build/gp/$$f.gp | sed "s/data('//; s,/,," | sort -u); do \
	    echo "figures/$$f.tex: build/run/$$p.stamp"; done; done > $@.tmp && mv $@.tmp $@

# ---------------------------------------------------------------- weave
# All chapters in one weave so chunk names and identifiers are one scope;
# tools/weave is noweave -n -index less the uses that noweb finds in comments,
# strings and gnuplot scripts (see its header).
# The identifier index lists what the chapters declare with @ %def: noweb's
# automatic C definitions would also index every local variable.
build/tex/chapters.tex: $(CHAPTERS) tools/weave build/flags/weave | build/tex
	$(say) WEAVE "$(words $(CHAPTERS)) chapters"
	$(Q)$(WEAVE) $(CHAPTERS) > $@.tmp && mv $@.tmp $@

# One file that brings every program's numbers into the book.
# It also counts the roots and the chapters, which the appendix's sample of
# make's output quotes.
build/tex/macros.tex: $(RUNS) build/tangle.stamp | build/tex
	$(Q)for p in $(PROGRAMS); do \
	  if [ -f build/tex/$$p/macros.tex ]; then echo "\\input{$$p/macros.tex}"; fi; \
	done > $@.tmp
	$(Q)echo '\newcommand{\BookRoots}{$(words $(ROOTS))}\newcommand{\BookChapters}{$(words $(CHAPTERS))}' >> $@.tmp
	$(Q)mv $@.tmp $@

# ---------------------------------------------------------------- typeset
TEXENV := TEXINPUTS=../chapters:../figures:tex:: BIBINPUTS=../bib:
# A TeX run that was killed leaves its .aux (or bibtex its .bbl) cut short, and
# every later run would stop on it; a whole .aux ends with the page count, a
# whole .bbl with \end{thebibliography}.  When either is cut, start afresh.
TEX_AUX := aux toc lof lot out bbl blg fls fdb_latexmk idx ind ilg
TEX_FILES_WHOLE = { [ ! -e $(BOOK).aux ] || tail -n1 $(BOOK).aux | grep -q 'abspage@last'; } \
                  && { [ ! -e $(BOOK).bbl ] || tail -n1 $(BOOK).bbl | grep -q 'end{thebibliography}'; }
build/$(BOOK).pdf: chapters/book.tex build/tex/chapters.tex build/tex/macros.tex $(RUNS) $(FIGS) \
                   $(wildcard bib/*.bib)
	$(say) TEX $(@F)
	$(Q)cd build && { $(TEX_FILES_WHOLE) || rm -f $(TEX_AUX:%=$(BOOK).%); }
	$(Q)cd build && $(TEXENV) latexmk -pdf -interaction=nonstopmode -halt-on-error \
	    -jobname=$(BOOK) -silent ../chapters/book.tex > latexmk.log 2>&1 \
	    || { tail -40 latexmk.log; grep -A3 '^!' $(BOOK).log || true; exit 1; }
	@# latexmk leaves the PDF alone when no input's content changed (a file only
	@# touched): mark it made, or every later make would typeset again.
	$(Q)touch $@

# ---------------------------------------------------------------- check
check: all tests
	$(Q)tools/need test || echo "make check: cross-checks that need these packages will be skipped" >&2
	$(say) CHECK "prove tests/"
	$(Q)PYTHON=$(PYTHON) prove tests/

# ---------------------------------------------------------------- bench
# Not part of `make` or `make check`: timings depend on the machine's load.
# The C training step against PyTorch's on one thread, and the GEMM yardstick
# (see README.md, "Speed").
bench: build/bench/step-bench build/bench/gemm-peak
	$(Q)PYTHON=$(PYTHON) bench/bench.sh
build/bench/step-bench: bench/step-bench.c build/lib/libvg.a $(HEADERS) build/flags/ld | build/bench
	$(say) LD $(@F)
	$(Q)$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(FPFLAGS) -o $@ $< build/lib/libvg.a $(LDLIBS)
build/bench/gemm-peak: bench/gemm-peak.c build/flags/ld | build/bench
	$(say) LD $(@F)
	$(Q)$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LDLIBS)

# ---------------------------------------------------------------- flags
# Each step's command line is a file rewritten only when it changes, so that
# changing a flag redoes that step, and nothing else does.
WEAVE := tools/weave
FLAGS_cc    = $(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(FPFLAGS) $(ENGINE_FLAGS)
FLAGS_ld    = $(CC) $(CFLAGS) $(LDLIBS)
FLAGS_weave = $(WEAVE)
FLAGS_run   = $(if $(QUICK),quick)
build/flags/%: FORCE
	$(Q)mkdir -p $(@D) && echo '$(FLAGS_$*)' | cmp -s - $@ || echo '$(FLAGS_$*)' > $@
.PHONY: FORCE
.SECONDARY: build/flags/cc build/flags/ld build/flags/weave build/flags/run

# ---------------------------------------------------------------- misc
build/obj build/dep build/lib build/bin build/link build/test build/run build/plot build/tex build/bench:
	$(Q)mkdir -p $@

clean:
	rm -rf build src figures

ifneq ($(filter-out clean need,$(MAKECMDGOALS)),clean)
include build/need.mk
ifneq ($(wildcard build/need.mk),)
-include $(wildcard build/dep/*.d)
-include build/dep/figures.mk
-include $(PROGRAMS:%=build/dep/plan-%.mk)
endif
endif
