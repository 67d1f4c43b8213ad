// std::partition_point for an answer expected close after `first`: the range is searched in
// steps that double from `first`, then by halves within the last step. Finding what follows
// the previous answer (the next statement's tokens, the next finding's line) takes a few
// steps near memory just read, where a binary search over the whole array missed the cache
// at nearly every step on a large file.
#pragma once

#include <algorithm>
#include <iterator>

namespace zd {

// The first element of [first, last) for which `is_before` is false; it must be true of a
// prefix of the range and false of the rest.
template <typename It, typename Predicate>
It gallop_partition_point(It first, It last, Predicate is_before) {
  It low = first;
  It high = first;
  for (std::iter_difference_t<It> step = 1; high != last && is_before(*high); step *= 2) {
    low = std::next(high);
    high = std::distance(high, last) > step ? std::next(high, step) : last;
  }
  return std::partition_point(low, high, is_before);
}

// The same partition point of [first, last), searched from `hint` (any place in it, or
// `last`), where the last answer was: galloping forward when the answer is at or after
// `hint`, else by halves in the part before it.
template <typename It, typename Predicate>
It partition_point_from(It first, It last, It hint, Predicate is_before) {
  if (hint == first || is_before(*std::prev(hint))) {
    return gallop_partition_point(hint, last, is_before);
  }
  return std::partition_point(first, hint, is_before);
}

}  // namespace zd
