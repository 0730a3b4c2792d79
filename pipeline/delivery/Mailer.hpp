#pragma once
// Sends one delivery's message over SMTP (Poco::Net): plain, STARTTLS or implicit TLS, AUTH
// LOGIN or PLAIN, certificate and host-name checks on by default. The envelope is walked
// by hand (MAIL FROM, one RCPT TO per recipient, DATA) instead of Poco's sendMessage, which
// gives up on the first refused recipient: here a 550 for one address rejects that address
// only, and the others get the message.
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "delivery/Schedule.hpp"

namespace delivery {

struct OutgoingMail {
    std::string messageId;            // "<…@domain>", the same on every attempt
    std::string deliveryId;           // X-Evalreport-Delivery, for counting at the receiver
    Address from;
    std::vector<Address> to, cc;      // the headers: every recipient of the delivery
    std::vector<std::string> envelope;  // RCPT TO: the recipients still pending
    std::string subject, body;        // UTF-8; body lines end in \n or \r\n
    std::string attachmentName;       // ASCII file name
    std::string attachment;           // PDF bytes
    Instant date = 0;
};

// RFC 5322 text with CRLF line ends: headers, a UTF-8 quoted-printable body and the PDF in
// base64.
std::string composeMessage(const OutgoingMail& m);

struct SendResult {
    enum Kind {
        Accepted,      // the server took the message for `accepted`
        NoneAccepted,  // every recipient was rejected or deferred; nothing was sent
        Transient,     // 4xx or a network failure: try again later
        Permanent      // 5xx for the message itself (MAIL FROM or DATA)
    } kind = Transient;
    std::vector<std::string> accepted;
    std::vector<std::pair<std::string, std::string>> rejected;  // 5xx on RCPT: address, reply
    std::vector<std::pair<std::string, std::string>> deferred;  // 4xx on RCPT
    std::string reason;
};

// Thrown by connect(): the server could not be reached, refused TLS or the login. Every
// such failure leaves the deliveries queued: an unreachable server and a certificate the
// operator must fix alike are no reason to drop a report.
class MailError : public std::runtime_error {
public:
    explicit MailError(const std::string& what) : std::runtime_error(what) {}
};

// The SMTP password from smtp.password_env or smtp.password_file; empty without a user.
// Throws core::Error (naming the variable or file, never the value).
std::string smtpPassword(const SmtpSettings& s);

class Mailer {
public:
    Mailer(const SmtpSettings& settings, std::string password);
    ~Mailer();

    void connect();
    // `beforeData` runs after at least one RCPT was accepted and before DATA, with the
    // recipients the server rejected: the caller commits "sending" there.
    SendResult send(const OutgoingMail& m,
                    const std::function<void(const std::vector<std::pair<std::string, std::string>>&)>& beforeData);
    void quit() noexcept;

private:
    class Session;
    SmtpSettings settings_;
    std::string password_;
    std::unique_ptr<Session> session_;
};

// A server reply with e-mail addresses replaced by "<address>", for logs.
std::string scrubAddresses(const std::string& text);

}  // namespace delivery
