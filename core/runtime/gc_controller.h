// The one include point for the GC pacer (gcControllerState and
// gcPaceScavenger), so runtime files depend on the concept, not the file.
#pragma once
#include "core/runtime/pacer.h"
