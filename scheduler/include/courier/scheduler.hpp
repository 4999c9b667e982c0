// courier/scheduler.hpp: the scheduler layer, fibers on work-stealing worker threads.
#pragma once

#include "courier/mailbox.hpp"
#include "courier/scheduler/counters.hpp"
#include "courier/scheduler/event.hpp"
#include "courier/scheduler/join_handle.hpp"
#include "courier/scheduler/runtime.hpp"
#include "courier/scheduler/task.hpp"
