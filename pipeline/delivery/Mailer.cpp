#include "delivery/Mailer.hpp"

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>

#include "core/Error.hpp"
#include "delivery/Drivers.hpp"

namespace delivery {

namespace {

std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\r' || c == '\n') c = ' ';
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

}  // namespace

std::string scrubAddresses(const std::string& text) {
    static const std::regex address(R"(<?[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+>?)");
    return std::regex_replace(oneLine(text), address, "<address>");
}

std::string composeMessage(const OutgoingMail& m) { return drivers().composeMessage(m); }

std::string smtpPassword(const SmtpSettings& s) {
    if (s.user.empty() || s.auth == "none") return {};
    if (!s.passwordEnv.empty()) {
        const char* v = std::getenv(s.passwordEnv.c_str());
        if (!v) throw core::Error(s.where, "the environment variable " + s.passwordEnv + " is not set", "set it to the SMTP password");
        return v;
    }
    std::ifstream in(s.passwordFile, std::ios::binary);
    if (!in) throw core::Error({s.passwordFile}, "cannot read the SMTP password file", "check the path and its permissions");
    std::string pw;
    std::getline(in, pw);
    while (!pw.empty() && (pw.back() == '\r' || pw.back() == '\n')) pw.pop_back();
    return pw;
}

class Mailer::Session {
public:
    std::unique_ptr<SmtpConnection> connection;
};

Mailer::Mailer(const SmtpSettings& settings, std::string password) : settings_(settings), password_(std::move(password)) {}

Mailer::~Mailer() { quit(); }

void Mailer::connect() {
    auto s = std::make_unique<Session>();
    s->connection = drivers().connectSmtp(settings_, password_);  // throws MailError
    session_ = std::move(s);
}

SendResult Mailer::send(const OutgoingMail& m,
                        const std::function<void(const std::vector<std::pair<std::string, std::string>>&)>& beforeData) {
    SendResult r;
    if (!session_) {
        r.reason = "not connected";
        return r;
    }
    SmtpConnection& c = *session_->connection;
    auto classify = [&](int status, const std::string& response) {
        r.kind = status / 100 == 5 ? SendResult::Permanent : SendResult::Transient;
        r.reason = scrubAddresses(response);  // Poco's response starts with the status code
        if (r.reason.rfind(std::to_string(status), 0) != 0) r.reason = std::to_string(status) + " " + r.reason;
    };
    auto reset = [&] {
        std::string ignored;
        c.command("RSET", ignored);
    };
    try {
        std::string response;
        int status = c.command("MAIL FROM:<" + m.from.address + ">", response);
        if (status / 100 != 2) {
            classify(status, response);
            reset();
            return r;
        }
        for (const auto& address : m.envelope) {
            status = c.command("RCPT TO:<" + address + ">", response);
            if (status / 100 == 2) r.accepted.push_back(address);
            else if (status / 100 == 5) r.rejected.emplace_back(address, oneLine(response));
            else r.deferred.emplace_back(address, oneLine(response));
        }
        if (r.accepted.empty()) {
            reset();
            r.kind = SendResult::NoneAccepted;
            return r;
        }
        if (beforeData) beforeData(r.rejected);
        status = c.command("DATA", response);
        if (status != 354) {
            classify(status, response);
            reset();
            return r;
        }
        try {
            c.sendMessage(composeMessage(m));
        } catch (const SmtpRefusal& e) {
            classify(e.code, e.what());
            return r;
        }
        r.kind = SendResult::Accepted;
        return r;
    } catch (const DriverError& e) {
        // The connection is gone or out of step: drop it; the caller reconnects or stops.
        session_.reset();
        r.kind = SendResult::Transient;
        r.reason = "connection lost: " + scrubAddresses(e.what());
        return r;
    }
}

void Mailer::quit() noexcept {
    if (!session_) return;
    session_->connection->close();
    session_.reset();
}

}  // namespace delivery
