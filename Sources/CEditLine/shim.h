// Include libedit's native API by name: editline/readline.h is only the readline-compatibility
// layer, and GNU readline is installed here too.
#include <histedit.h>
