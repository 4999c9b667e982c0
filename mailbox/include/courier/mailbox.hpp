// courier/mailbox.hpp: the mailbox layer, a multi-producer single-consumer channel.
#pragma once

#include "courier/mailbox/channel.hpp"
#include "courier/mailbox/deadline.hpp"
#include "courier/mailbox/status.hpp"
#include "courier/mailbox/thread_parker.hpp"
#include "courier/mailbox/waker.hpp"
