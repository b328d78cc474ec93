// libxml2's HTML parser (Debian's libxml2-dev), found through pkg-config `libxml-2.0`: reduces
// HTML-only mail to text. Only CGMime's C includes it.
#include <libxml/HTMLparser.h>
