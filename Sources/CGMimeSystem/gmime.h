// GMime 3 (Debian's libgmime-3.0-dev), found through pkg-config `gmime-3.0`; only CGMime's C
// includes it.
#include <gmime/gmime.h>
