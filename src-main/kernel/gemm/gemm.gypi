# GEMM targets, included by binding.gyp. The addon target depends on 'rnnlab_gemm'.
# rnnlab_gemm is portable C++ (no -march flags); on x86-64 it also links rnnlab_gemm_avx2 and rnnlab_gemm_avx512, the
# only code built with AVX2/FMA and AVX-512 flags, which gemm_dispatch.cpp calls only on CPUs (and OSes) that run it;
# on arm64 it also compiles gemm_neon.cpp (NEON intrinsics, baseline there).
{
  'targets': [
    {
      'target_name': 'rnnlab_gemm',
      'type': 'static_library',
      'sources': ['gemm_dispatch.cpp', 'gemm_generic.cpp', 'gemm_naive.cpp'],
      'cflags_cc': ['-O3', '-std=c++17', '-fPIC'],
      'xcode_settings': { 'OTHER_CPLUSPLUSFLAGS': ['-O3', '-std=c++17'] },
      'msvs_settings': { 'VCCLCompilerTool': { 'Optimization': 2, 'AdditionalOptions': ['/std:c++17'] } },
      'conditions': [
        ['target_arch=="x64"', {
          'defines': ['RNNLAB_GEMM_HAVE_AVX2', 'RNNLAB_GEMM_HAVE_AVX512'],
          'dependencies': ['rnnlab_gemm_avx2', 'rnnlab_gemm_avx512'],
        }],
        # NEON is baseline on arm64: the NEON tiles need no flags and no run-time check.
        ['target_arch=="arm64"', {
          'defines': ['RNNLAB_GEMM_HAVE_NEON'],
          'sources': ['gemm_neon.cpp'],
        }],
      ],
    },
  ],
  'conditions': [
    ['target_arch=="x64"', {
      'targets': [
        {
          'target_name': 'rnnlab_gemm_avx2',
          'type': 'static_library',
          'sources': ['gemm_avx2.cpp'],
          'cflags_cc': ['-O3', '-std=c++17', '-fPIC', '-mavx2', '-mfma'],
          'xcode_settings': { 'OTHER_CPLUSPLUSFLAGS': ['-O3', '-std=c++17', '-mavx2', '-mfma'] },
          'msvs_settings': { 'VCCLCompilerTool': { 'Optimization': 2, 'AdditionalOptions': ['/std:c++17', '/arch:AVX2'] } },
        },
        {
          'target_name': 'rnnlab_gemm_avx512',
          'type': 'static_library',
          'sources': ['gemm_avx512.cpp'],
          'cflags_cc': ['-O3', '-std=c++17', '-fPIC', '-mavx512f', '-mavx512vl', '-mavx512bw', '-mavx512dq', '-mfma'],
          'xcode_settings': { 'OTHER_CPLUSPLUSFLAGS': ['-O3', '-std=c++17', '-mavx512f', '-mavx512vl', '-mavx512bw', '-mavx512dq', '-mfma'] },
          'msvs_settings': { 'VCCLCompilerTool': { 'Optimization': 2, 'AdditionalOptions': ['/std:c++17', '/arch:AVX512'] } },
        },
      ],
    }],
  ],
}
