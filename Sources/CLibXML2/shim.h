// libxml2 is built with ICU on Debian; its headers then pull in ICU's, which clash with the copy
// Foundation carries. Khabar never touches the ICU converter fields (they sit at the end of a
// struct we only use through pointers), so the headers are read without them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
