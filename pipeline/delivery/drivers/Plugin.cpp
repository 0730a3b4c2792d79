// The entry point of evalreport-delivery.so: delivery::drivers() looks it up with dlsym.
#include "delivery/Drivers.hpp"

extern "C" __attribute__((visibility("default"))) const delivery::DeliveryDrivers* evalreport_delivery_v1() {
    return delivery::drivers_impl::builtin();
}
