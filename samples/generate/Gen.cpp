#include "Gen.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace gen {

CsvOut::CsvOut(const std::string& path, bool bom) : path_(path), buf_(size_t(1) << 22) {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    if (bom) raw("\xEF\xBB\xBF");
}

CsvOut::~CsvOut() {
    if (f_) std::fclose(f_);
}

void CsvOut::flush() {
    if (n_ && std::fwrite(buf_.data(), 1, n_, f_) != n_)
        throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
    n_ = 0;
}

void CsvOut::close() {
    flush();
    if (std::fclose(f_) != 0) {
        f_ = nullptr;
        throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
    }
    f_ = nullptr;
}

void CsvOut::uint(uint64_t v) {
    char tmp[24];
    int k = 0;
    do {
        tmp[k++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    reserve(static_cast<size_t>(k));
    while (k) buf_[n_++] = tmp[--k];
}

void CsvOut::padded(uint64_t v, int width) {
    char tmp[24];
    int k = 0;
    do {
        tmp[k++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    while (k < width) tmp[k++] = '0';
    reserve(static_cast<size_t>(k));
    while (k) buf_[n_++] = tmp[--k];
}

void CsvOut::date(core::Days d) {
    core::Ymd v = core::ymdFromDays(d);
    reserve(10);
    char* p = buf_.data() + n_;
    p[0] = static_cast<char>('0' + v.day / 10);
    p[1] = static_cast<char>('0' + v.day % 10);
    p[2] = '-';
    p[3] = static_cast<char>('0' + v.month / 10);
    p[4] = static_cast<char>('0' + v.month % 10);
    p[5] = '-';
    p[6] = static_cast<char>('0' + v.year / 1000);
    p[7] = static_cast<char>('0' + v.year / 100 % 10);
    p[8] = static_cast<char>('0' + v.year / 10 % 10);
    p[9] = static_cast<char>('0' + v.year % 10);
    n_ += 10;
}

void CsvOut::quarterHours(int q) {
    uint(static_cast<uint64_t>(q / 4));
    switch (q % 4) {
        case 1: raw(",25"); break;
        case 2: raw(",5"); break;
        case 3: raw(",75"); break;
        default: break;
    }
}

void CsvOut::decimal1(int tenths) {
    uint(static_cast<uint64_t>(tenths / 10));
    if (tenths % 10) {
        ch(',');
        ch(static_cast<char>('0' + tenths % 10));
    }
}

const std::vector<Municipality>& municipalities() {
    // Approximate populations (thousands, early 2020s); only their relative size matters.
    static const std::vector<Municipality> list = {
        {"København", 653}, {"Aarhus", 361}, {"Aalborg", 221}, {"Odense", 206}, {"Vejle", 120},
        {"Esbjerg", 116}, {"Frederiksberg", 104}, {"Randers", 99}, {"Viborg", 98}, {"Horsens", 98},
        {"Silkeborg", 97}, {"Kolding", 95}, {"Herning", 90}, {"Roskilde", 90}, {"Næstved", 84},
        {"Slagelse", 80}, {"Gentofte", 75}, {"Sønderborg", 74}, {"Holbæk", 72}, {"Gladsaxe", 70},
        {"Hjørring", 64}, {"Skanderborg", 64}, {"Helsingør", 63}, {"Køge", 62}, {"Guldborgsund", 60},
        {"Svendborg", 59}, {"Holstebro", 59}, {"Aabenraa", 59}, {"Frederikshavn", 58}, {"Lyngby-Taarbæk", 57},
        {"Rudersdal", 57}, {"Haderslev", 56}, {"Høje-Taastrup", 56}, {"Ringkøbing-Skjern", 56}, {"Hvidovre", 54},
        {"Hillerød", 52}, {"Faaborg-Midtfyn", 52}, {"Fredericia", 52}, {"Greve", 51}, {"Varde", 50},
        {"Ballerup", 49}, {"Kalundborg", 49}, {"Favrskov", 49}, {"Hedensted", 47}, {"Frederikssund", 46},
        {"Vordingborg", 46}, {"Skive", 46}, {"Egedal", 44}, {"Tårnby", 44}, {"Syddjurs", 43},
        {"Vejen", 43}, {"Thisted", 43}, {"Mariagerfjord", 42}, {"Ikast-Brande", 42}, {"Rødovre", 41},
        {"Fredensborg", 41}, {"Furesø", 41}, {"Gribskov", 41}, {"Assens", 41}, {"Lolland", 40},
        {"Brøndby", 39}, {"Bornholm", 39}, {"Middelfart", 39}, {"Jammerbugt", 38}, {"Faxe", 37},
        {"Tønder", 37}, {"Norddjurs", 37}, {"Ringsted", 36}, {"Brønderslev", 36}, {"Vesthimmerland", 36},
        {"Odsherred", 33}, {"Nyborg", 32}, {"Halsnæs", 31}, {"Rebild", 31}, {"Herlev", 30},
        {"Sorø", 30}, {"Nordfyn", 30}, {"Lejre", 29}, {"Albertslund", 28}, {"Billund", 27},
        {"Allerød", 26}, {"Hørsholm", 25}, {"Kerteminde", 24}, {"Glostrup", 24}, {"Ishøj", 24},
        {"Solrød", 23}, {"Odder", 23}, {"Stevns", 23}, {"Struer", 21}, {"Morsø", 20},
        {"Lemvig", 19}, {"Vallensbæk", 17}, {"Dragør", 14}, {"Langeland", 12}, {"Ærø", 6},
        {"Samsø", 4}, {"Fanø", 3}, {"Læsø", 2},
    };
    return list;
}

std::vector<std::string> pickMunicipalities(int n) {
    std::vector<std::string> out;
    const auto& all = municipalities();
    for (int i = 0; i < n && i < static_cast<int>(all.size()); ++i) out.emplace_back(all[static_cast<size_t>(i)].name);
    return out;
}

std::vector<uint64_t> apportion(uint64_t total, const std::vector<double>& weights, uint64_t floor) {
    const size_t k = weights.size();
    std::vector<uint64_t> out(k, 0);
    if (k == 0) return out;
    if (floor * k > total) floor = total / k;
    uint64_t rest = total - floor * k;
    double sum = 0;
    for (double w : weights) sum += w;
    std::vector<std::pair<double, size_t>> frac;
    uint64_t used = 0;
    for (size_t i = 0; i < k; ++i) {
        double exact = static_cast<double>(rest) * weights[i] / sum;
        uint64_t whole = static_cast<uint64_t>(std::floor(exact));
        out[i] = floor + whole;
        used += whole;
        frac.emplace_back(exact - static_cast<double>(whole), i);
    }
    // Largest remainders first; ties by position so the result is fully determined.
    std::sort(frac.begin(), frac.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (size_t j = 0; used < rest; ++j, ++used) out[frac[j % k].second] += 1;
    return out;
}

int digits(uint64_t v) {
    int d = 1;
    while (v >= 10) {
        v /= 10;
        ++d;
    }
    return d;
}

void writeText(const std::string& path, const std::string& text) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
}

std::string yamlQuote(const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
    }
    return q + "\"";
}

}  // namespace gen
