# Shared by scripts/setup, scripts/test, scripts/install and scripts/gen-rule-docs; sourced,
# not run.
# Every function expects the repository root as the working directory.

# What zerodown needs from Debian 12 ("bookworm"). third_party/dependencies.cmake names the
# same -dev packages when CMake cannot find one. ZD_BUILD_PACKAGES build the binary
# (scripts/install; postgresql-server-dev-15 for PostgreSQL's parse node structs, which
# src/parse/raw_tree.cpp reads libpg_query's parse with; libmimalloc-dev for the malloc the
# binary runs with, docs/performance.md); the rest are for the tests: PostgreSQL 15 for the
# tests that run migrations against a real server, pre-commit for the pre-commit hook's test,
# python3-yaml for the tests that read the YAML of action.yml and the README's workflows; GNU
# time for scripts/bench's peak memory; clang 14 with its sanitizer and libFuzzer runtimes
# (libclang-rt-14-dev, only recommended by clang) and llvm-symbolizer (llvm-14) for the fuzz
# run of scripts/fuzz.
ZD_BUILD_PACKAGES=(
  cmake g++ make
  libpg-query-dev postgresql-server-dev-15 libcli11-dev libfmt-dev nlohmann-json3-dev
  libtomlplusplus-dev doctest-dev libmimalloc-dev
)
ZD_PACKAGES=("${ZD_BUILD_PACKAGES[@]}" postgresql-15 pre-commit python3-yaml time
  clang libclang-rt-14-dev llvm-14)

zd_say() { printf '%s\n' "$*"; }
zd_step() { printf '\n==> %s\n' "$*"; }
zd_die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# The release build of build/: CMake's Release, at -O2 rather than its -O3. GCC 12 (Debian 12)
# reports bogus -Wrestrict / -Wstringop-overflow warnings inside libstdc++'s std::string at
# -O3 (GCC bug 105329 and its relatives; seen here in `"," + std::to_string(n)`), which
# -Werror turns into failed builds; -O2 is what Debian builds its own packages with.
# shellcheck disable=SC2034 # used by scripts/setup and scripts/test
ZD_RELEASE_FLAGS=(-DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG")

zd_jobs() { echo "${ZERODOWN_JOBS:-$(nproc 2>/dev/null || echo 2)}"; }

# The packages named (default: ZD_PACKAGES) that are not installed, one per line.
zd_missing_packages() {
  local p
  for p in "${@:-${ZD_PACKAGES[@]}}"; do
    if [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) != "install ok installed" ]]; then
      echo "$p"
    fi
  done
}

# Installs what is missing of the packages named (default: ZD_PACKAGES); silent when nothing is.
zd_install_packages() {
  local wanted=("${@:-${ZD_PACKAGES[@]}}")
  if ! command -v dpkg-query >/dev/null; then
    zd_say "note: not a Debian system; install by hand: ${wanted[*]}"
    return 0
  fi
  local missing
  mapfile -t missing < <(zd_missing_packages "${wanted[@]}")
  ((${#missing[@]} == 0)) && return 0

  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null ||
      zd_die "missing packages: ${missing[*]}; as root, run: apt-get update && apt-get install -y ${missing[*]}"
    sudo=(sudo)
  fi
  zd_step "installing ${missing[*]}"
  local log
  log=$(mktemp)
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get update -q >"$log" 2>&1 ||
    ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    zd_die "apt-get could not install: ${missing[*]}"
  fi
  rm -f "$log"
  mapfile -t missing < <(zd_missing_packages "${missing[@]}")
  ((${#missing[@]} == 0)) || zd_die "still missing after apt-get install: ${missing[*]}"
  zd_say "installed."
}

# zd_build DIR TARGET [CMAKE_ARG...]: configure DIR (reusing the generator it was made with;
# Ninja when there is one, else Make) and build TARGET ("all" for everything) in it.
# Quiet on success; on failure prints the end of the log.
zd_build() {
  local dir=$1 target=$2
  shift 2
  local generator=()
  if [[ ! -f $dir/CMakeCache.txt ]]; then
    if command -v ninja >/dev/null; then generator=(-G Ninja); else generator=(-G "Unix Makefiles"); fi
  fi
  mkdir -p "$dir"
  local log=$dir/zerodown-build.log start=$SECONDS
  if ! cmake -S . -B "$dir" "${generator[@]}" "$@" >"$log" 2>&1; then
    cat "$log" >&2
    zd_die "CMake could not configure $dir (log: $log)"
  fi
  if ! cmake --build "$dir" --target "$target" --parallel "$(zd_jobs)" >>"$log" 2>&1; then
    # From a little before the first error on (the later ones often follow from it).
    local first
    first=$(grep -n -m1 -E 'error:|Error [0-9]|FAILED:' "$log" | cut -d: -f1 || true)
    if [[ -n $first ]]; then
      sed -n "$((first > 5 ? first - 5 : 1)),$((first + 200))p" "$log" >&2
    else
      tail -n 200 "$log" >&2
    fi
    zd_die "the build in $dir failed (whole log: $log)"
  fi
  # Quiet when there was nothing to rebuild.
  grep -qE 'Building CXX|Linking CXX' "$log" || return 0
  local warnings note=""
  warnings=$(grep -c 'warning:' "$log" || true)
  ((warnings == 0)) || note=", $warnings compiler warnings (see $log)"
  zd_say "built $dir/ (target $target) in $((SECONDS - start))s$note"
}
