# One entry point for students, instructors and CI.
#   make lab        create .venv if missing, install, open JupyterLab on the overview
#   make test       create .venv if missing, install, run unit tests + every notebook (nbval),
#                   then the unit tests and notebooks again under a second OpenBLAS kernel (x86-64)
#   make notebooks  re-execute every notebook top to bottom on a fresh kernel, store outputs
#   make images     regenerate every figure in images/
#   make links HUB=https://hub.example.org REPO=https://github.com/ORG/REPO
#                   print the nbgitpuller link of every notebook (course staff; no venv needed)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
PORT   ?= 8888
JOBS   ?= 2
# JupyterLab refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root)

# Every process starts with these (lecturelib/runenv.py says why; tests/test_packaging.py keeps
# the two lists equal): one BLAS thread for small matrices, and glibc's allocator keeping freed
# memory for reuse instead of paying a page fault per 4 KB on every new array.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
export MALLOC_MMAP_THRESHOLD_ ?= 33554432
export MALLOC_TRIM_THRESHOLD_ ?= 134217728

.PHONY: install lab test notebooks images nav bench links clean

install: $(STAMP)

$(STAMP): pyproject.toml lab/overrides.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	# one presentation tool: a venv made before the switch to jupyterlab-slideshow still has RISE
	$(BIN)/python -m pip uninstall --quiet --yes jupyterlab-rise 2>/dev/null || true
	# the slideshow's keys and presenting styles (an editable install skips pyproject's data-files)
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp lab/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

lab: install
	$(BIN)/jupyter lab --ip 127.0.0.1 --port $(PORT) --ServerApp.root_dir=. $(ROOT_FLAG) $(LAB_ARGS) notebooks/00_overview.ipynb

test: install
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile
	$(BIN)/python tools/second_kernel.py -- $(BIN)/python -m pytest -n $(JOBS) --dist loadfile tests notebooks --ignore=tests/browser

notebooks: install
	$(BIN)/python tools/nav.py
	$(BIN)/python tools/execute_notebooks.py $(NB)

images: install
	$(BIN)/python -m lecturelib.figures images

nav: install
	$(BIN)/python tools/nav.py

bench: install
	$(BIN)/python tools/bench.py
	$(BIN)/python tools/bench_cells.py

links:
	$(PYTHON) tools/hub_links.py --hub "$(HUB)" --repo "$(REPO)" --branch "$(or $(BRANCH),main)" $(if $(PARENT),--parent "$(PARENT)")

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
