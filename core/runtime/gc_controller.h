// The one include point for the GC pacer (gcControllerState and
// gcPaceScavenger). Until core/runtime/pacer.h from the pacer branch is
// merged, it resolves to a private stand-in with the same signatures.
// MERGE NOTE: replace the include below with "core/runtime/pacer.h" and
// delete pacer_standin.{h,cpp}.
#pragma once
#include "core/runtime/pacer_standin.h"
