# The two commands a new user runs are `make run` and `make test`; the rest are their parts.
BUILD_DIR ?= build
DATA_DIR  ?= data
LISTEN    ?= 127.0.0.1:8080
DEMO_ARTICLES ?= 2000
JOBS ?= $(shell nproc)

.PHONY: run test build deps bench clean

deps:
	@deps/install.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@if [ ! -f $(DATA_DIR)/sinmun.db ]; then \
	  $(BUILD_DIR)/sinmun demo --data $(DATA_DIR) --articles $(DEMO_ARTICLES); \
	fi
	@echo "sinmun is serving http://$(LISTEN)  (Ctrl-C stops it)"
	$(BUILD_DIR)/sinmun serve --data $(DATA_DIR) --listen $(LISTEN)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	bench/archive.sh
	bench/miss_instructions.sh
	bench/article_page.sh
	$(BUILD_DIR)/bench/counters_bench
	bench/counting.sh
	bench/ads.sh
	bench/images.sh

clean:
	rm -rf $(BUILD_DIR)
