// Only the declaration in include/FuzzDriver.h is needed; SwiftPM wants a source file.
#include "FuzzDriver.h"
