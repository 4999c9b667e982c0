// courier/actors.hpp: the actor layer: actors, refs, ask, supervision, dead letters.
#pragma once

#include "courier/actors/actor.hpp"
#include "courier/actors/actor_ref.hpp"
#include "courier/actors/actor_system.hpp"
#include "courier/actors/context.hpp"
#include "courier/actors/dead_letters.hpp"
#include "courier/actors/mailbox_kind.hpp"
#include "courier/actors/reply.hpp"
#include "courier/actors/spawn_options.hpp"
#include "courier/actors/supervision.hpp"
#include "courier/actors/terminated.hpp"
#include "courier/actors/timer.hpp"
#include "courier/scheduler.hpp"
