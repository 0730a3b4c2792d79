#include "delivery/Drivers.hpp"

#include <atomic>

#include "core/Plugin.hpp"

namespace delivery {

namespace {
std::atomic<const DeliveryDrivers*> registered{nullptr};
}  // namespace

void useDeliveryDrivers(const DeliveryDrivers* table) { registered.store(table); }

const DeliveryDrivers& drivers() {
    if (const DeliveryDrivers* t = registered.load()) return *t;
    return *static_cast<const DeliveryDrivers*>(core::loadPlugin("evalreport-delivery", "evalreport_delivery_v1",
                                                                 kDeliveryDriversVersion, "the e-mail and outbox drivers"));
}

}  // namespace delivery
