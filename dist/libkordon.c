/*
 * libkordon.c - the shared library's own translation unit, empty on
 * purpose: libkordon.so is linked from every object of the static
 * libkordon.a (--whole-archive, see the install section of
 * CMakeLists.txt), and CMake wants at least one source per library.
 */
typedef int kd__shared_library_has_no_code_of_its_own;
