#include <zlib.h>
#include <lzma.h>
