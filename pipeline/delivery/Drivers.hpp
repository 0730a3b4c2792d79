#pragma once
// Delivery drivers: the code that needs Poco::Net (SMTP, TLS), Poco::Data (the outbox in
// SQLite or PostgreSQL) and so OpenSSL and libpq. It lives in a plugin,
// evalreport-delivery.so, loaded the first time a command opens an outbox or an SMTP
// connection (core/Plugin.hpp), so `evalreport render` never loads those libraries.
// Database and Mailer (Database.hpp, Mailer.hpp) keep the logic: SQL dialects, transactions,
// the envelope walk, reply classification; the drivers only move bytes.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "delivery/Database.hpp"
#include "delivery/Mailer.hpp"
#include "delivery/Schedule.hpp"

namespace delivery {

// A driver failure; the message is the driver's own text (first line is what users see).
struct DriverError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// An SMTP reply that refused the message body (after DATA): its status code and text.
struct SmtpRefusal : std::runtime_error {
    SmtpRefusal(int c, const std::string& text) : std::runtime_error(text), code(c) {}
    int code;
};

class DatabaseDriver {
public:
    virtual ~DatabaseDriver() = default;
    // SQL with $1-style (PostgreSQL) or ? (SQLite) placeholders as the dialect wants.
    // Throw DriverError.
    virtual size_t exec(const std::string& sql, const std::vector<Database::Param>& params) = 0;
    virtual Database::Rows query(const std::string& sql, const std::vector<Database::Param>& params) = 0;
};

class SmtpConnection {
public:
    virtual ~SmtpConnection() = default;
    // One command line; returns the status code, `response` the reply text. DriverError when
    // the connection is lost.
    virtual int command(const std::string& line, std::string& response) = 0;
    // The message after a 354, with the final dot; SmtpRefusal for a refusal, DriverError when lost.
    virtual void sendMessage(const std::string& text) = 0;
    virtual void close() noexcept = 0;
};

struct DeliveryDrivers {
    int version;
    // kind "sqlite": target is the file; "postgresql": a libpq conninfo string. Throws DriverError.
    std::unique_ptr<DatabaseDriver> (*openDatabase)(const std::string& kind, const std::string& target);
    // Connects, says EHLO, STARTTLS if asked, authenticates. Throws MailError with a message
    // that names the server and never the password.
    std::unique_ptr<SmtpConnection> (*connectSmtp)(const SmtpSettings& settings, const std::string& password);
    // RFC 5322 text of a message (Poco::Net::MailMessage).
    std::string (*composeMessage)(const OutgoingMail& m);
    // The outbox's codecs (Poco::SHA2Engine, Poco::Base64): here so that the processes that
    // never open an outbox (render, batch) do not load Poco at all.
    std::string (*sha256Hex)(const std::string& bytes);
    std::string (*base64Encode)(const std::string& bytes);  // one line, no breaks
    std::string (*base64Decode)(const std::string& text);
};

constexpr int kDeliveryDriversVersion = 2;

// The registered drivers, else the plugin's. Throws core::Error when the plugin cannot load.
const DeliveryDrivers& drivers();
void useDeliveryDrivers(const DeliveryDrivers* table);

namespace drivers_impl {
// The Poco implementation (drivers/PocoDrivers.cpp), for the plugin and for tests.
const DeliveryDrivers* builtin();
}  // namespace drivers_impl

}  // namespace delivery
