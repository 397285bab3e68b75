// header_check.cpp - kordon.h and kordon_store.h compile as C++11 with
// -pedantic (a C++ program links libkordon through them).
#include "header_check.c"
